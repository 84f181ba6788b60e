"""The demo agency: 22 cosmetics brands from real 2016 Tmall listings, their contracts, stores,
SKUs, users and orders."""
