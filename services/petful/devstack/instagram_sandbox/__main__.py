"""`python -m petful.devstack.instagram_sandbox --port N`: the sandbox as a process."""

from petful.devstack.instagram_sandbox.server import main

raise SystemExit(main())
