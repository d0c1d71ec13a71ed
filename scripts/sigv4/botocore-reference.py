#!/usr/bin/env python3
"""Reference signatures from botocore for ebguard's SigV4 differential test.

Usage: botocore-reference.py [--seed N] [--count N]

Generates `count` varied requests from `seed` (methods, S3 and non-S3 services, paths with
reserved, unicode, `..` and `//` segments, repeated and empty query keys, repeated and
white-space-folded headers, bodies, session tokens, unsigned payloads, presigned URLs, fixed
timestamps), signs each with botocore (SigV4Auth, S3SigV4Auth, SigV4QueryAuth,
S3SigV4QueryAuth) and prints one JSON document: {"botocore": version, "cases": [...]}.

Exit status 3 with a message on stderr when botocore cannot be imported, so the Swift test
can fail with a clear reason instead of skipping.
"""
import argparse
import base64
import datetime
import json
import random
import sys
from urllib.parse import quote

try:
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
except ImportError as exc:  # pragma: no cover - environment problem
    sys.stderr.write(f"botocore is not importable ({exc}); run: pip install botocore==1.43.11\n")
    sys.exit(3)

SERVICES = ["s3", "s3", "service", "iam", "ec2", "elasticbeanstalk", "sts", "kms", "logs", "execute-api", "dynamodb"]
REGIONS = ["us-east-1", "eu-west-3", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "il-central-1"]
METHODS = ["GET", "GET", "POST", "PUT", "DELETE", "HEAD", "PATCH", "OPTIONS", "get"]
SEGMENTS = [
    "a", "foo", "bar baz", "ü", "日本語", "a+b", "x=y", "$&", "%", "%41", "..", ".", "", "~tilde",
    "it's", "(paren)", "*", ":", "@", "!", ";", ",", "😀", "-_.", "?q", "#frag", "UPPER", "a%2Fb",
    "semi;colon", "tab\tchar", "plus+", "€", "k\u00e9y",
]
QUERY_KEYS = ["Param1", "param1", "Param2", "a", "A", "", "key with space", "ü", "x=y", "list.member.1",
              "list.member.2", "Action", "Version", "&amp", "~", "%", "b+c", "Zed", "zed", "€uro"]
QUERY_VALUES = ["", "value1", "value2", "Value", "a b", "a+b", "=", "&", "ü", "日本", "/path/x", "%20", "~",
                "1", "10", "2", "*", "😀", "quote\"d", "comma,sep"]
HEADER_NAMES = ["X-Custom", "x-custom", "X-Amz-Meta-Owner", "My-Header1", "Content-Type", "X-Amz-Target",
                "Accept", "Cache-Control", "X-Amz-Acl", "Content-MD5", "Range", "If-None-Match", "X-Trailing",
                "User-Agent", "Expect", "Connection", "X-Amzn-Trace-Id", "Authorization", "X-Amz-Date",
                "X-Amz-Security-Token", "Transfer-Encoding"]
HEADER_VALUES = ["value", "  leading", "trailing   ", "  both  ends ", "in   the    middle", "tab\tseparated",
                 "a,b", "", " ", "application/x-www-form-urlencoded; charset=utf-8", "application/json",
                 "AmazonEC2.DescribeInstances", "bytes=0-9", "\t\tmixed \t  runs \t", "\"etag\"", "Caps AND lower",
                 "x" * 40]


def rand_path(rng):
    if rng.random() < 0.15:
        return "/"
    count = rng.randint(1, 5)
    segs = [rng.choice(SEGMENTS) for _ in range(count)]
    path = "/" + "/".join(segs)
    if rng.random() < 0.3:
        path += "/"
    if rng.random() < 0.1:
        path = "/" + path  # leading '//'
    return path


def rand_query(rng, unique):
    pairs = []
    for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 6])):
        key = rng.choice(QUERY_KEYS)
        if unique and any(k == key for k, _ in pairs):
            continue
        pairs.append((key, rng.choice(QUERY_VALUES)))
    if not unique and pairs and rng.random() < 0.3:
        key = pairs[0][0]
        pairs.append((key, rng.choice(QUERY_VALUES)))  # repeated key, different value
    return pairs


def rand_headers(rng, token, presign):
    headers = []
    for _ in range(rng.choice([0, 1, 2, 3, 4, 5])):
        name = rng.choice(HEADER_NAMES)
        if presign and name.lower() in ("authorization", "x-amz-date", "x-amz-security-token"):
            continue
        headers.append((name, rng.choice(HEADER_VALUES)))
    if rng.random() < 0.15:
        headers.append(("Host", rng.choice(["Example.AmazonAWS.com", "custom.host:8443", "  spaced.host  "])))
    return headers


def rand_body(rng):
    kind = rng.random()
    if kind < 0.5:
        return b""
    if kind < 0.7:
        return b"Action=ListUsers&Version=2010-05-08"
    if kind < 0.85:
        return "{\"Name\": \"日本\", \"v\": 1}".encode("utf-8")
    return bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 300)))


def rand_token(rng):
    if rng.random() < 0.5:
        return None
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
    return "IQoJb3JpZ2luX2Vj" + "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 200)))


def rand_time(rng):
    base = datetime.datetime(2015, 8, 30, 12, 36, 0)
    return base + datetime.timedelta(seconds=rng.randint(0, 12 * 365 * 86400))


class FixedClock:
    def __init__(self):
        self.now = None

    def __call__(self, *args, **kwargs):
        return self.now


def make_case(rng, index, clock):
    service = rng.choice(SERVICES)
    region = rng.choice(REGIONS)
    presign = rng.random() < 0.2
    scheme = "https" if rng.random() < 0.85 else "http"
    host = rng.choice([f"{service}.{region}.amazonaws.com", "example.amazonaws.com", "Bucket.S3.AmazonAWS.com",
                       "localhost", "127.0.0.1"])
    port = rng.choice([None, None, None, 443, 80, 8080, 4566])
    method = rng.choice(["GET", "PUT", "get"]) if presign else rng.choice(METHODS)
    raw_path = rand_path(rng)
    path = quote(raw_path, safe="/~")
    query = rand_query(rng, unique=presign)
    token = rand_token(rng)
    access_key = rng.choice(["AKIDEXAMPLE", "AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A"])
    secret = rng.choice(["wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                         "secret+/=with symbols"])
    headers = rand_headers(rng, token, presign)
    body = b"" if presign else rand_body(rng)
    unsigned = (not presign) and scheme == "https" and rng.random() < 0.2
    if service == "s3" and not presign and rng.random() < 0.1:
        unsigned = True  # S3 honours the client setting over plain HTTP too
    if not presign and service != "s3" and rng.random() < 0.05:
        headers.append(("X-Amz-Content-SHA256", "UNSIGNED-PAYLOAD" if rng.random() < 0.5 else "abc123"))
    expires = rng.choice([1, 60, 900, 3600, 86400, 604800]) if presign else None
    when = rand_time(rng)

    netloc = host if port is None else f"{host}:{port}"
    url = f"{scheme}://{netloc}{path}"
    creds = Credentials(access_key, secret, token)
    request = AWSRequest(method=method, url=url, data=body, params=list(query))
    for name, value in headers:
        request.headers[name] = value
    clock.now = when
    is_s3 = service == "s3"
    if presign:
        cls = botocore.auth.S3SigV4QueryAuth if is_s3 else botocore.auth.SigV4QueryAuth
        signer = cls(creds, service, region, expires=expires)
    else:
        cls = botocore.auth.S3SigV4Auth if is_s3 else botocore.auth.SigV4Auth
        signer = cls(creds, service, region)
        if unsigned:
            if is_s3:
                request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
            else:
                request.context["payload_signing_enabled"] = False
    signer.add_auth(request)

    case = {
        "name": f"case-{index:05d}-{'presign' if presign else 'header'}-{service}",
        "kind": "presign" if presign else "header",
        "service": service,
        "region": region,
        "timestamp": int((when - datetime.datetime(1970, 1, 1)).total_seconds()),
        "accessKeyId": access_key,
        "secretAccessKey": secret,
        "sessionToken": token,
        "method": method,
        "scheme": scheme,
        "host": host,
        "port": port,
        "rawPath": raw_path,
        "path": path,
        "query": [[k, v] for k, v in query],
        "headers": [[n, v] for n, v in headers],
        "bodyBase64": base64.b64encode(body).decode("ascii"),
        "unsignedPayload": unsigned,
        "expires": expires,
    }
    if presign:
        case["expectedURL"] = request.url
    else:
        expected = {}
        for name in ("Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256"):
            values = request.headers.get_all(name) or []
            expected[name] = values[-1] if values else None
        case["expectedHeaders"] = expected
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=20250830)
    parser.add_argument("--count", type=int, default=1200)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clock = FixedClock()
    botocore.auth.get_current_datetime = clock
    cases = [make_case(rng, i, clock) for i in range(args.count)]
    json.dump({"botocore": botocore.__version__, "seed": args.seed, "cases": cases}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
