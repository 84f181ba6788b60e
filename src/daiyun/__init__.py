"""daiyun (代运): the system an e-commerce outsourcing agency runs its brands' business on."""
