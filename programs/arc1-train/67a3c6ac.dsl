O = flip_h(I)
