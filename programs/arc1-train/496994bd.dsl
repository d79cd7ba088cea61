O = mirror_top_to_bottom(I)
