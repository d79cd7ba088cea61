O = rotation_tile(I)
