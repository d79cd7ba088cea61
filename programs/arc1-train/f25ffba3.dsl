O = mirror_bottom_to_top(I)
