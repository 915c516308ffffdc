from lawtrail.cli import main

main()
