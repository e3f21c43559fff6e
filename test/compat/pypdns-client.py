"""Runs PyPDNS, the CIRCL passive DNS client, against a URL and prints what it got as JSON.

argv[1] is a JSON object: {"url": ..., "auth": {"basic": [user, password]} or {"token": key},
"calls": [{"method": "iter_query" or "rfc_query", "q": ..., "filter": type or null}]}.
Each call gives {"records": [raw COF records]} or {"error": exception class name}.
"""
import json
import sys

from pypdns import PyPDNS
from pypdns.errors import PDNSError


def client(spec):
    auth = spec.get('auth', {})
    if 'basic' in auth:
        pdns = PyPDNS(url=spec['url'], basic_auth=tuple(auth['basic']))
    else:
        pdns = PyPDNS(url=spec['url'], auth_token=auth.get('token'))
    # Proxy variables of the environment must not send loopback traffic elsewhere.
    pdns.session.trust_env = False
    return pdns


def call(pdns, spec):
    try:
        if spec['method'] == 'iter_query':
            found = pdns.iter_query(spec['q'], filter_rrtype=spec.get('filter'))
        else:
            found = pdns.rfc_query(spec['q'], filter_rrtype=spec.get('filter'))
        return {'records': [record.raw for record in found]}
    except PDNSError as err:
        return {'error': type(err).__name__}


def main():
    spec = json.loads(sys.argv[1])
    pdns = client(spec)
    print(json.dumps([call(pdns, one) for one in spec['calls']]))


main()
