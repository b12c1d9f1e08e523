#!/usr/bin/env python3
"""Two single-layer OCI images whose files are identical but whose layer tars differ (image b has one extra file):
different diff_ids, same file contents. usage: twoimages.py ROOTFS OUT"""
import hashlib, json, os, subprocess, sys, shutil
root, out = sys.argv[1], sys.argv[2]
os.makedirs(out + "/blobs/sha256", exist_ok=True)
def blob(data):
    h = hashlib.sha256(data).hexdigest()
    open(f"{out}/blobs/sha256/{h}", "wb").write(data)
    return "sha256:" + h, len(data)
manifests = []
for tag, extra in (("a", None), ("b", "etc/layerbench-image-b")):
    tar = f"{out}/{tag}.tar"
    args = ["tar", "--sort=name", "--numeric-owner", "--xattrs", "-C", root, "-cf", tar, "."]
    if extra:
        open(f"{out}/extra", "w").write("image b\n")
        args = ["tar", "--sort=name", "--numeric-owner", "--xattrs", "-cf", tar,
                "-C", root, ".", "--transform", f"s,^extra$,{extra},", "-C", out, "extra"]
    subprocess.run(args, check=True)
    data = open(tar, "rb").read()
    os.remove(tar)
    ld, ls = blob(data)
    cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                      "rootfs": {"type": "layers", "diff_ids": [ld]}}).encode()
    cd, cs = blob(cfg)
    man = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                      "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
                      "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": ld, "size": ls}]}).encode()
    md, ms = blob(man)
    manifests.append({"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": md, "size": ms,
                      "annotations": {"org.opencontainers.image.ref.name": tag}})
if os.path.exists(out + "/extra"):
    os.remove(out + "/extra")
json.dump({"schemaVersion": 2, "manifests": manifests}, open(out + "/index.json", "w"))
open(out + "/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
