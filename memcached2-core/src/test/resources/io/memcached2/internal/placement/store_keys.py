"""Stores keys (UTF-8, one per line on stdin) through a real Python memcached client, for placement tests.

usage: store_keys.py MODE host:port:weight...
MODE: python-memcached | pylibmc-ketama | pylibmc-ketama-weighted
Prints the number of keys the client reported stored. Exits 3 if the client module is missing.
"""
import sys

mode, specs = sys.argv[1], sys.argv[2:]
keys = [k for k in sys.stdin.buffer.read().decode('utf-8').split('\n') if k]
try:
    if mode == 'python-memcached':
        import memcache
        servers = [(h + ':' + p, int(w)) for h, p, w in (s.split(':') for s in specs)]
        client = memcache.Client(servers)
    else:
        import pylibmc
        behaviors = {'ketama': True} if mode == 'pylibmc-ketama' else {'ketama_weighted': True}
        client = pylibmc.Client(specs, behaviors=behaviors)
except ImportError as e:
    print(e, file=sys.stderr)
    sys.exit(3)
stored = sum(1 for k in keys if client.set(k, 'x'))
print(stored)
