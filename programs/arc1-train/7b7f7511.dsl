O = period_tile(I)
