"""Demo data: a fictitious set of structures in Hauts-de-France, and users of every role."""

DEMO_PASSWORD = "Demo-Jalons-2026"
