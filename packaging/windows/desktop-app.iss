; Inno Setup script: a per-user installer (no administrator rights) with a Start-menu entry, an
; uninstaller and the app's icon. Built by packaging/windows/build.py, which passes the names and
; version from desktop_app/identity.py:
;   ISCC /DAppName=... /DAppVersion=... /DAppExe=... /DAppPublisher=... /DRepoRoot=... desktop-app.iss

#ifndef AppVersion
  #error Run packaging/windows/build.py (it passes /DAppName, /DAppVersion, /DAppExe, /DAppPublisher, /DRepoRoot)
#endif

[Setup]
; The AppId identifies the app to Windows' uninstaller list and to upgrades: never change it.
AppId={{7C3B9E64-2F0A-4C1D-9B8E-5A6D4F2E1C37}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
; Per-user: installs into %LOCALAPPDATA%\Programs and writes only the user's registry hive.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile={#RepoRoot}\LICENSE
SetupIconFile={#RepoRoot}\build\generated\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}.exe
UninstallDisplayName={#AppName}
OutputDir={#RepoRoot}\dist
OutputBaseFilename={#AppExe}-{#AppVersion}-windows-setup
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Closing a running copy before files are replaced on an upgrade.
CloseApplications=yes

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#RepoRoot}\dist\{#AppExe}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}.exe"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent

; The user's history and settings (%LOCALAPPDATA%\desktop-app) are theirs: the uninstaller leaves them.
