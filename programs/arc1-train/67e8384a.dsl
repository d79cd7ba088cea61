O = mirror_tile(I)
