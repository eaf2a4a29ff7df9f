from petful.cli import main

main()
