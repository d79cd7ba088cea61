x1 = crop_to_content(I)
x2 = downscale(x1, 3)
O = self_kron(x2)
