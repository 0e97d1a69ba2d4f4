"""The UI language: the Language setting or the system's, and the Qt translators that make it so."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop_app.resource_paths import translations_dir

SYSTEM = ""  # the Language setting's value for "follow the system"
SOURCE_LANGUAGE = "en"  # the language the code's strings are written in
APP_CATALOG = "desktop_app_"
_running = SOURCE_LANGUAGE  # the language installed at start (what the widgets show)


def current_language() -> str:
    """The language the UI runs in now ("en", "ko")."""
    return _running


def available_languages() -> tuple[str, ...]:
    """Every language the UI can be shown in, English first: a new language is one more
    resources/i18n/desktop_app_<code>.ts, compiled to .qm when the app is installed."""
    folder = translations_dir()
    found = sorted(p.stem[len(APP_CATALOG) :] for p in folder.glob(APP_CATALOG + "*.qm")) if folder.is_dir() else []
    return (SOURCE_LANGUAGE, *(code for code in found if code != SOURCE_LANGUAGE))


def format_number(value: int) -> str:
    """A whole number as the UI's locale writes it (128,000); the bare C locale reads as English."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English)
    return locale.toString(value)


def language_name(code: str) -> str:
    """A language's own name (English, 한국어), as a language menu shows it to everyone."""
    return QLocale(code).nativeLanguageName().capitalize() if code != SOURCE_LANGUAGE else "English"


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The language to show: the setting if it names a shipped one, else the system's if shipped, else English."""
    if setting in available_languages():
        return setting
    system = system or QLocale.system()
    for language in system.uiLanguages():
        code = language.replace("_", "-").split("-")[0].lower()
        if code in available_languages():
            return code
    return SOURCE_LANGUAGE


class Translations:
    """Installs the app's translator and Qt's own (qtbase_<lang>) for one language, and removes them."""

    def __init__(self) -> None:
        self.language = SOURCE_LANGUAGE
        self._translators: list[QTranslator] = []
        self._previous_locale: QLocale | None = None

    def install(self, setting: str) -> str:
        """Load the language the setting asks for (before the first widget); returns its code."""
        global _running
        self.remove()
        self.language = _running = resolve_language(setting)
        app = QCoreApplication.instance()
        if self.language != SOURCE_LANGUAGE:
            catalogs = (
                (APP_CATALOG + self.language, str(translations_dir())),
                ("qtbase_" + self.language, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
            )
            for name, folder in catalogs:
                translator = QTranslator(app)
                if translator.load(name, folder) and app.installTranslator(translator):
                    self._translators.append(translator)
        if setting != SYSTEM:
            # Dates, numbers and day names follow the chosen language rather than the system's.
            self._previous_locale = QLocale()
            QLocale.setDefault(QLocale(self.language))
        return self.language

    def remove(self) -> None:
        """Uninstall the translators and give back the locale this object changed."""
        global _running
        _running = SOURCE_LANGUAGE
        app = QCoreApplication.instance()
        for translator in self._translators:
            if app is not None:
                app.removeTranslator(translator)
            translator.deleteLater()
        self._translators.clear()
        if self._previous_locale is not None:
            QLocale.setDefault(self._previous_locale)
            self._previous_locale = None
