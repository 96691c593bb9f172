"""The parts of Benchmarks/compare: the builds, the machine's description, the FANN reference and the table."""
