"""The bundled sample web: a generated set of news outlets and content farms served on loopback.

``generator`` writes ``seeds/sampleweb`` (files + ``manifest.json``); ``server`` serves it by
Host header on 127.0.0.1 so crawls, tests and benchmarks run offline against known labels.
"""
