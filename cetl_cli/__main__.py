from cetl_cli.cli.main import run

run()
