from nhs_open_source_hooks._main import main

if __name__ == '__main__':
    raise SystemExit(main())
