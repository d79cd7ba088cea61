O = self_kron(I)
