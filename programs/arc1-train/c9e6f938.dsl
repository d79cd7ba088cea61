O = mirror_hconcat(I)
