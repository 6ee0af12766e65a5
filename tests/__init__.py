"""The test suite: the extension's tests (test roots in roots/) and the handbook's integration tests (test_handbook_*)."""
