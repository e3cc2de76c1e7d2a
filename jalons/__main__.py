from jalons.cli import main

raise SystemExit(main())
