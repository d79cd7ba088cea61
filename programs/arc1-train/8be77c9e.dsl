O = mirror_vconcat(I)
