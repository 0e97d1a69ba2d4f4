"""Everything the app knows about models: names, rules, sizes, tokenizer, image tokens, prices, retirement.

Submodules import only what they need, so this package's own import stays free of cycles;
`core.models.info.describe` gathers it all for one model on one endpoint.
"""
