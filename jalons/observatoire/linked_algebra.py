"""Linear algebra modulo the prime ``P`` on numpy arrays (``linked``): Gauss-Jordan
elimination, and a linear dependency among rows. A rank can only drop modulo a prime,
never rise: an error can only find a dependency that does not exist."""

import numpy as np

P = 2_147_483_647  # 2**31 - 1: products of two residues fit in int64


def _inverse(value: int) -> int:
    return pow(int(value), P - 2, P)


def eliminate(augmented: np.ndarray, width: int) -> tuple[np.ndarray, list[int]]:
    """Gauss-Jordan modulo P on the first ``width`` columns of a copy: the first
    ``len(pivots)`` rows are reduced (pivot columns given), the others are zero on those
    columns and carry, in the remaining columns, a dependency among the original rows
    when ``augmented`` ends with an identity."""
    m = augmented % P
    rows = m.shape[0]
    pivots: list[int] = []
    r = 0
    # Only the columns that have a non-zero entry can hold a pivot (the matrices are
    # sparse: most columns of a subset of classes are zero).
    for c in np.flatnonzero(m[:, :width].any(axis=0)).tolist():
        if r == rows:
            break
        nonzero = np.flatnonzero(m[r:, c])
        if not nonzero.size:
            continue
        k = r + int(nonzero[0])
        if k != r:
            m[[r, k]] = m[[k, r]]
        m[r] = (m[r] * _inverse(m[r, c])) % P
        factors = m[:, c].copy()
        factors[r] = 0
        touched = np.flatnonzero(factors)
        if touched.size:
            m[touched] = (m[touched] - (factors[touched, None] * m[r]) % P) % P
        pivots.append(c)
        r += 1
    return m, pivots


def row_dependency(vectors: np.ndarray) -> np.ndarray | None:
    """Coefficients (mod P) of a linear dependency among the rows, or None."""
    n = vectors.shape[0]
    if n == 0:
        return None
    augmented = np.concatenate([vectors, np.eye(n, dtype=np.int64)], axis=1)
    m, pivots = eliminate(augmented, vectors.shape[1])
    if len(pivots) == n:
        return None
    return m[len(pivots), vectors.shape[1] :]
