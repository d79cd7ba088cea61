x1 = crop_to_content(I)
O = self_kron(x1)
