O = flip_v(I)
