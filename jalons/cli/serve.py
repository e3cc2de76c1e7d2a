"""``jalons serve``: the production server (gunicorn), static files served by the app."""

import os
import sys


def _pending(count: int) -> str:
    if count == 1:
        return "1 migration de la base n'est pas appliquée"
    return f"{count} migrations de la base ne sont pas appliquées"


def check_ready() -> str | None:
    """A French error message if the database is not ready, else None."""
    from django.db import DatabaseError

    from jalons.web.views import pending_migrations

    try:
        pending = pending_migrations()
    except DatabaseError as error:
        return f"La base de données est injoignable : {error}"
    if pending:
        names = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        return (
            f"{_pending(len(pending))} ({names}).\n"
            "Appliquez-les d'abord avec : jalons manage migrate"
        )
    return None


def run_gunicorn(*, host: str, port: int, workers: int, threads: int, access_log: bool) -> int:
    from gunicorn.app.base import BaseApplication

    from jalons.wsgi import application

    class JalonsServer(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("timeout", 120)
            self.cfg.set("graceful_timeout", 20)
            self.cfg.set("accesslog", "-" if access_log else None)
            self.cfg.set("errorlog", "-")
            self.cfg.set("loglevel", "warning")
            self.cfg.set("proc_name", "jalons")

        def load(self):
            return application

    JalonsServer().run()
    return 0


def _serve(args) -> int:
    from jalons.cli import django_setup

    django_setup()
    problem = check_ready()
    if problem:
        print(f"jalons serve : refus de démarrer. {problem}", file=sys.stderr)
        return 1
    from django.db import connections

    connections.close_all()  # do not share the check's connection with forked workers
    print(f"Jalons écoute sur http://{args.hote}:{args.port}/ (Ctrl+C pour arrêter).")
    sys.stdout.flush()
    return run_gunicorn(
        host=args.hote,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        access_log=args.journal_acces,
    )


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="lancer le serveur de production",
        description="Lance Jalons avec gunicorn. Refuse de démarrer si des migrations ne "
        "sont pas appliquées. Réglages par variables d'environnement (voir docs/installation.md).",
    )
    parser.add_argument(
        "--hote",
        default=os.environ.get("JALONS_HOST", "127.0.0.1"),
        help="adresse d'écoute (127.0.0.1)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("JALONS_PORT", "8000")),
        help="port d'écoute (8000)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("JALONS_WORKERS", "2")),
        help="nombre de processus (2)",
    )
    parser.add_argument("--threads", type=int, default=4, help="fils par processus (4)")
    parser.add_argument(
        "--journal-acces",
        action="store_true",
        help="écrire le journal des requêtes sur la sortie standard",
    )
    parser.set_defaults(func=_serve)
