"""Tools outside the product: synthetic data and the benchmark (``python -m tools.synth``,
``python -m tools.bench``). Nothing in ``model/`` or ``dashboard/`` imports them."""
