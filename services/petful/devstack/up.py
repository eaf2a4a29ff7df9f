"""`petful up`: the whole local platform in one supervised process tree."""

from __future__ import annotations

import asyncio

from petful.devstack.stack import (
    app_specs,
    database_url,
    infra_specs,
    postgres_for,
    redis_url,
    sandbox_url,
    uses_sandbox,
)
from petful.devstack.state import log_dir_path, state_file_path
from petful.devstack.supervisor import Supervisor, SupervisorError
from petful.platform.settings import Settings


def _app_settings(settings: Settings) -> Settings:
    # Migrations and seeding run in this process: give them the children's URLs.
    update = {"database_url": database_url(settings), "redis_url": redis_url(settings)}
    return settings.model_copy(update=update)


async def _startup(sup: Supervisor, settings: Settings, banner: str) -> None:
    await sup.start([spec.name for spec in infra_specs(settings)])
    await asyncio.to_thread(postgres_for(settings).ensure_database)

    # Lazy imports: written by the platform work, and heavy.
    from petful.platform.migrations import upgrade_all
    from petful.platform.seed import seed_all

    app = _app_settings(settings)
    for domain in await asyncio.to_thread(upgrade_all, app):
        print(f"up | migrated {domain}", flush=True)
    for line in await seed_all(app):
        print(f"up | {line}", flush=True)

    await sup.start()  # everything else
    port = settings.port("envoy")
    instagram = (
        f"sandbox at {sandbox_url(settings)} (demo accounts; link with token sandbox-<handle>)"
        if uses_sandbox(settings)
        else "Graph API (PETFUL_SNS__APP_ID is set)"
    )
    print(
        f"\nPetFul is running: http://{settings.bind_host}:{port}/\n"
        f"API docs: http://{settings.bind_host}:{port}/api/docs\n"
        f"dev inbox: http://{settings.bind_host}:{settings.port('inbox')}/\n"
        f"Instagram: {instagram}\n"
        f"{banner}"
        "`petful status` checks health; Ctrl-C stops everything.\n",
        flush=True,
    )


def run_up(settings: Settings, *, banner: str = "") -> int:
    """Run the platform until Ctrl-C. `banner`: lines the caller adds to the start message
    (the CLI passes the demo logins; the devstack knows no domain's demo data)."""
    specs = infra_specs(settings) + app_specs(settings)
    sup = Supervisor(specs, log_dir_path(settings), state_file_path(settings))
    try:
        asyncio.run(sup.run(lambda s: _startup(s, settings, banner)))
    except SupervisorError as err:
        print(f"petful up: {err}", flush=True)
        return 1
    return 0
