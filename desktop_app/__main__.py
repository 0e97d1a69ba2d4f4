"""`python -m desktop_app` starts the app."""

from desktop_app.app import main

raise SystemExit(main())
