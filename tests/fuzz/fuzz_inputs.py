#!/usr/bin/env python3
"""Seeded mutation fuzzer for phalanx's inputs: -kernel (ELF, arm64 Image,
gzip, raw), -initrd, -dtb and the command line.

Every case is one run of phalanx (ideally the ASan + UBSan build) with
-max-insns and a timeout. A case is fine when phalanx exits 0, 1 or 2 and an
error exit (1, 2) ends with a one-line "phalanx: ..." message on stderr. A
sanitizer report, a signal, a timeout, any other exit status, an error exit
without a message, or success for input that must be refused is a bug.
After the campaign no temporary file and no /dev/shm object may be left.

Valid seeds come from the guest test programs (GUEST_DIR/*.elf), the Linux
Image and initrd when present (--linux-dir), small synthetic kernels built
here, and the tree `phalanx -machine virt,dumpdtb=FILE` writes.

Exit status: 0 all fine, 1 bugs found (each printed with a command line to
replay it; --keep keeps their files), 77 when phalanx is missing.
"""
import argparse
import concurrent.futures
import gzip
import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

RAM_BASE = 0x40000000
DEFAULT_RAM = 512 << 20
MAX_INSNS = "20000"

# PSCI SYSTEM_OFF through HVC, then a branch-to-self.
POWER_OFF = struct.pack("<4I", 0xD2B08000, 0x91002000, 0xD4000002, 0x14000000)

INTERESTING64 = [
    0, 1, 0x3F, 0x40, 0xFFF, 0x1000, 0x80000, 0x200000, RAM_BASE - 0x1000, RAM_BASE,
    RAM_BASE + DEFAULT_RAM - 4, RAM_BASE + DEFAULT_RAM, 0x7FFFFFFF, 0xFFFFFFFF,
    1 << 32, 1 << 40, (1 << 63) - 1, 1 << 63, (1 << 64) - 0x1000, (1 << 64) - 1,
]
INTERESTING32 = [0, 1, 0x28, 0x38, 0x7F, 0x80, 0xFF, 0x100, 0xFFFF, 0x10000, 0x7FFFFFFF,
                 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF]


# --- seeds -----------------------------------------------------------------

def synthetic_elf():
    """A two-segment ELF64 AArch64 executable that powers off."""
    code_off, data_off = 0x100, 0x200
    eh = bytearray(64)
    eh[0:16] = b"\x7fELF\x02\x01\x01" + bytes(9)
    struct.pack_into("<HHIQQQIHHHHHH", eh, 16, 2, 183, 1, 0x40080000, 64, 0, 0, 64, 56, 2,
                     64, 0, 0)
    ph = struct.pack("<IIQQQQQQ", 1, 5, code_off, 0x40080000, 0x40080000, len(POWER_OFF),
                     0x1000, 0x1000)
    ph += struct.pack("<IIQQQQQQ", 1, 6, data_off, 0x40090000, 0x40090000, 16, 0x100, 0x1000)
    body = bytearray(eh + ph)
    body += bytes(code_off - len(body)) + POWER_OFF
    body += bytes(data_off - len(body)) + b"0123456789abcdef"
    return bytes(body)


def synthetic_image(text_offset=0x80000, image_size=0x10000, size=0x1000):
    """An arm64 Image whose code0 branches past the header to POWER_OFF."""
    h = struct.pack("<IIQQQQQQII", 0x14000010, 0, text_offset, image_size, 0xA, 0, 0, 0,
                    0x644D5241, 0)
    body = h + POWER_OFF
    return body + bytes(size - len(body))


def gzip_zeros(size):
    """A gzip stream of size zero bytes (a decompression bomb), made quickly."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    chunk = bytes(1 << 20)
    out = []
    left = size
    while left:
        n = min(left, len(chunk))
        out.append(comp.compress(chunk[:n]))
        left -= n
    out.append(comp.flush())
    return b"".join(out)


class Seeds:
    def __init__(self, args, work):
        self.elfs = [synthetic_elf()]
        if args.guest_dir and os.path.isdir(args.guest_dir):
            for name in ("smoke.elf", "exceptions.elf", "devices.elf"):
                path = os.path.join(args.guest_dir, name)
                if os.path.exists(path):
                    with open(path, "rb") as f:
                        self.elfs.append(f.read())
        self.images = [synthetic_image(), synthetic_image(text_offset=0),
                       synthetic_image(image_size=0)]
        self.linux_image_path = None
        self.initrds = [bytes(random.Random(1).randbytes(4096))]
        if args.linux_dir:
            image = os.path.join(args.linux_dir, "Image")
            initrd = os.path.join(args.linux_dir, "initrd.cpio.gz")
            if os.path.exists(image):
                self.linux_image_path = image
                with open(image, "rb") as f:
                    self.images.append(f.read(256 << 10))  # real header, first code
            if os.path.exists(initrd):
                with open(initrd, "rb") as f:
                    self.initrds.append(f.read(64 << 10))
        self.gzips = [gzip.compress(im, 6) for im in self.images[:2]]
        # Bombs: one past the 256 MiB limit, one past a 16 MiB RAM.
        self.bomb_big = gzip_zeros((256 << 20) + 4096)
        self.bomb_small = gzip_zeros(24 << 20)
        dtb = os.path.join(work, "virt.dtb")
        r = subprocess.run([args.phalanx, "-machine", "virt,dumpdtb=" + dtb],
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        if r.returncode != 0 or not os.path.exists(dtb):
            sys.exit("fuzz: cannot dump the virt DTB: " + r.stderr.decode(errors="replace"))
        with open(dtb, "rb") as f:
            self.dtb = f.read()


# --- mutations -------------------------------------------------------------

def flip_bits(rng, data, lo=0, hi=None, count=None):
    data = bytearray(data)
    hi = len(data) if hi is None else min(hi, len(data))
    if hi <= lo:
        return bytes(data)
    for _ in range(count or rng.randint(1, 8)):
        i = rng.randrange(lo, hi)
        data[i] ^= 1 << rng.randrange(8)
    return bytes(data)


def truncate(rng, data):
    return data[:rng.randrange(0, len(data))]


def put(data, fmt, off, value):
    data = bytearray(data)
    size = struct.calcsize(fmt)
    mask = (1 << (8 * size)) - 1
    struct.pack_into(fmt, data, off, value & mask)
    return bytes(data)


def pick64(rng, extra=()):
    pool = INTERESTING64 + list(extra)
    return rng.choice(pool) if rng.random() < 0.8 else rng.getrandbits(64)


def elf_phdrs(elf):
    phoff, = struct.unpack_from("<Q", elf, 32)
    phnum, = struct.unpack_from("<H", elf, 56)
    return [phoff + 56 * i for i in range(phnum)]


def elf_load_phdrs(elf):
    return [p for p in elf_phdrs(elf) if struct.unpack_from("<I", elf, p)[0] == 1]


def mutate_elf(rng, seeds):
    """Returns (kernel bytes, expect, description)."""
    elf = rng.choice(seeds.elfs)
    loads = elf_load_phdrs(elf)
    first = loads[0]
    n = len(elf)
    kind = rng.randrange(16)
    if kind == 0:
        return put(elf, "<H", 56, 0), "error", "e_phnum 0"
    if kind == 1:
        # Past the end of every seed file; fewer may still read valid headers.
        if rng.random() < 0.5:
            return put(elf, "<H", 56, 0xFFFF), "error", "e_phnum 0xffff"
        return put(elf, "<H", 56, rng.choice([0x1000, 0x100])), "any", "e_phnum large"
    if kind == 2:
        v = rng.choice([n - 10, n, n + 1, (1 << 64) - 8, 1 << 63])
        return put(elf, "<Q", 32, v), "error", "e_phoff %#x" % v
    if kind == 3:
        return put(elf, "<H", 54, rng.choice([0, 32, 57, 0xFFFF])), "error", "e_phentsize"
    if kind == 4:
        v = rng.choice([0, RAM_BASE - 4, RAM_BASE + DEFAULT_RAM, (1 << 64) - 2])
        return put(elf, "<Q", 24, v), "error", "e_entry %#x outside RAM" % v
    if kind == 5:
        off, fmt, v = rng.choice([(4, "<B", 1), (5, "<B", 2), (18, "<H", 62), (16, "<H", 3)])
        return put(elf, fmt, off, v), "error", "ident/machine/type"
    if kind == 6:
        v = rng.choice([0, RAM_BASE - 0x1000, RAM_BASE + DEFAULT_RAM - 4,
                        (1 << 64) - 0x10, 1 << 63, 0x3FFFFFFF])
        return put(elf, "<Q", first + 24, v), "error", "p_paddr %#x" % v
    if kind == 7:
        v = rng.choice([(1 << 64) - 1, 1 << 40, DEFAULT_RAM + 1, 1 << 63])
        return put(elf, "<Q", first + 40, v), "error", "p_memsz %#x" % v
    if kind == 8:
        memsz, = struct.unpack_from("<Q", elf, first + 40)
        return put(elf, "<Q", first + 32, memsz + rng.choice([1, 4096, 1 << 62])), "error", \
            "p_filesz > p_memsz"
    if kind == 9:
        v = rng.choice([n, n + 1, (1 << 64) - 1, 1 << 63, n - 1])
        return put(elf, "<Q", first + 8, v), "error", "p_offset %#x" % v
    if kind == 10:
        if len(loads) < 2:
            return put(elf, "<H", 56, 0), "error", "e_phnum 0"
        # Second segment over the first: QEMU refuses overlapping images.
        paddr, = struct.unpack_from("<Q", elf, first + 24)
        delta = rng.choice([0, 4, 0x800])
        return put(elf, "<Q", loads[1] + 24, paddr + delta), "error", "overlapping segments"
    if kind == 11:
        out = elf
        for p in elf_phdrs(elf):
            out = put(out, "<I", p, rng.choice([0, 2, 4, 0x6474E551]))
        return out, "error", "no PT_LOAD"
    if kind == 12:
        return truncate(rng, elf), "any", "truncated"
    if kind == 13:
        end = max(elf_phdrs(elf)) + 56
        return flip_bits(rng, elf, 0, end), "any", "header bit flips"
    if kind == 14:
        p = rng.choice(elf_phdrs(elf))
        field = rng.choice([8, 16, 24, 32, 40, 48])
        return put(elf, "<Q", p + field, pick64(rng, [n])), "any", "phdr field %d" % field
    return flip_bits(rng, elf), "any", "bit flips"


def mutate_image(rng, seeds):
    im = rng.choice(seeds.images)
    image_size, = struct.unpack_from("<Q", im, 16)
    kind = rng.randrange(8)
    if kind == 0:
        # image_size 0 (before Linux 3.17): text_offset is not used.
        v = pick64(rng, [0x80001, 0x1FFFFF, DEFAULT_RAM - 0x1000])
        expect = "error" if image_size and DEFAULT_RAM <= v < (1 << 64) - (4 << 20) else "any"
        return put(im, "<Q", 8, v), expect, "text_offset %#x" % v
    if kind == 1:
        v = pick64(rng, [DEFAULT_RAM, DEFAULT_RAM + 1, len(im) - 1])
        expect = "error" if v > DEFAULT_RAM else "any"
        return put(im, "<Q", 16, v), expect, "image_size %#x" % v
    if kind == 2:
        return put(im, "<Q", 24, 1 | rng.getrandbits(8)), "error", "big-endian flag"
    if kind == 3:
        return put(im, "<Q", 24, rng.getrandbits(64) & ~1), "any", "flags"
    if kind == 4:
        return flip_bits(rng, im, 0, 64), "any", "header bit flips"
    if kind == 5:
        return truncate(rng, im[:4096]), "any", "truncated"
    if kind == 6:
        return put(im, "<I", 56, rng.getrandbits(32)), "any", "magic (raw kernel)"
    return flip_bits(rng, im), "any", "bit flips"


def mutate_gzip(rng, seeds):
    gz = rng.choice(seeds.gzips)
    kind = rng.randrange(8)
    if kind == 0:
        return gz[:rng.randrange(3, len(gz) - 1)], "error", "truncated gzip"
    if kind == 1:
        return flip_bits(rng, gz, 10, len(gz) - 8), "any", "deflate bit flips"
    if kind == 2:
        return flip_bits(rng, gz, 3, 10), "any", "gzip header flags"
    if kind == 3:
        return gz + bytes(rng.randbytes(rng.randrange(1, 64))), "any", "trailing garbage"
    if kind == 4:
        return gzip.compress(b""), "error", "empty gzip"
    if kind == 5:
        # Slow under ASan (256 MiB inflated): rare; kernel_case has the
        # small RAM bomb.
        if rng.random() < 0.3:
            return seeds.bomb_big, "error", "gzip bomb (256 MiB + 4 KiB)"
        return gzip.compress(bytes(rng.randrange(1, 1 << 16))), "any", "gzip of zeros"
    if kind == 6:
        return gzip.compress(rng.choice(seeds.elfs)), "any", "gzip of an ELF"
    return flip_bits(rng, gz, len(gz) - 8), "any", "gzip CRC/ISIZE"


def dtb_struct_props(dtb):
    """(offset of value, name) of every property in the struct block."""
    off_struct, off_strings = struct.unpack_from(">II", dtb, 8)
    size_struct, = struct.unpack_from(">I", dtb, 36)
    p, end, props = off_struct, off_struct + size_struct, []
    while p + 4 <= end:
        tok, = struct.unpack_from(">I", dtb, p)
        p += 4
        if tok == 1:  # BEGIN_NODE: NUL-terminated name, padded to 4
            q = dtb.index(b"\0", p)
            p = (q + 4) & ~3
        elif tok == 3:  # PROP: len, nameoff, value
            length, nameoff = struct.unpack_from(">II", dtb, p)
            q = dtb.index(b"\0", off_strings + nameoff)
            props.append((p + 8, length, dtb[off_strings + nameoff:q].decode()))
            p = (p + 8 + length + 3) & ~3
        elif tok == 9:
            break
    return props


def mutate_dtb(rng, seeds):
    dtb = seeds.dtb
    n = len(dtb)
    kind = rng.randrange(10)
    if kind == 0:
        field = rng.choice([4, 8, 12, 16, 32, 36])
        v = rng.choice(INTERESTING32 + [n - 1, n, n + 1, n // 2])
        return put(dtb, ">I", field, v), "any", "header field %d = %#x" % (field, v)
    if kind == 1:
        if rng.random() < 0.5:
            # Old versions with a last compatible version at or below them.
            v = rng.choice([2, 3, 4, 15])
            out = put(put(dtb, ">I", 20, v), ">I", 24, rng.randint(2, v))
            return out, "error", "version %d" % v
        v = rng.choice([0, 1, 15, 16, 17, 18, 0xFFFFFFFF])
        return put(dtb, ">I", rng.choice([20, 24]), v), "any", "version %d" % v
    if kind == 2:
        return put(dtb, ">I", 4, n + rng.choice([1, 8, 4096])), "error", "totalsize past end"
    if kind == 3:
        return put(dtb, ">I", 0, rng.getrandbits(32)), "error", "bad magic"
    if kind == 4:
        return dtb[:rng.randrange(0, 40)], "error", "shorter than the header"
    if kind == 5:
        return truncate(rng, dtb), "any", "truncated"
    if kind == 6:
        props = [p for p in dtb_struct_props(dtb)
                 if p[2] in ("#address-cells", "#size-cells", "reg", "stdout-path")]
        off, length, name = rng.choice(props)
        v = rng.choice([0, 1, 2, 3, 0xFFFFFFFF])
        return put(dtb, ">I", off, v), "any", "%s = %#x" % (name, v)
    if kind == 7:
        off_struct, = struct.unpack_from(">I", dtb, 8)
        return flip_bits(rng, dtb, off_struct), "any", "struct/strings bit flips"
    if kind == 8 and rng.random() < 0.6:
        # Words of the structure block set to small numbers: tags, property
        # lengths and name offsets that point elsewhere.
        off_struct, size_struct = struct.unpack_from(">I", dtb, 8)[0], \
            struct.unpack_from(">I", dtb, 36)[0]
        out = dtb
        for _ in range(rng.randint(1, 3)):
            word = off_struct + 4 * rng.randrange(size_struct // 4)
            out = put(out, ">I", word, rng.randrange(0, 600))
        if rng.random() < 0.3:
            out = put(out, ">I", 20, 16)  # version 16: no size_dt_struct
        return out, "any", "structure words"
    if kind == 8:
        off_rsv, = struct.unpack_from(">I", dtb, 16)
        return flip_bits(rng, dtb, off_rsv, off_rsv + 16), "any", "reserve map"
    return flip_bits(rng, dtb, 0, 40), "any", "header bit flips"


def dtb_case(rng, seeds, add):
    data, expect, desc = mutate_dtb(rng, seeds)
    add("dtb", data)
    if rng.random() < 0.5:
        add("kernel", rng.choice(seeds.elfs))
        argv = ["-kernel", "kernel", "-dtb", "dtb"]
    else:
        add("kernel", seeds.images[0])
        add("initrd", seeds.initrds[0])
        argv = ["-kernel", "kernel", "-initrd", "initrd", "-dtb", "dtb"]
        if rng.random() < 0.3:
            argv += ["-append", "console=ttyAMA0 " + "x" * rng.choice([0, 100, 5000])]
    if rng.random() < 0.2:
        argv += ["-m", rng.choice(["4G", "16M", "1M"])]
    return argv, expect, "dtb: " + desc


def initrd_case(rng, seeds, add):
    kind = rng.randrange(8)
    kernel = seeds.images[0]
    if kind == 0:
        add("kernel", kernel)
        add("initrd", b"")
        return ["-kernel", "kernel", "-initrd", "initrd"], "any", "initrd: empty"
    if kind == 1:
        add("kernel", kernel)
        return ["-m", rng.choice(["16M", "64M"]), "-kernel", "kernel", "-initrd", "/dev/zero"], \
            "error", "initrd: /dev/zero"
    if kind == 2:
        add("kernel", kernel)
        return ["-kernel", "kernel", "-initrd", "."], "error", "initrd: a directory"
    if kind == 3:
        add("kernel", kernel)
        add("initrd", None, sparse=rng.choice([16 << 20, (16 << 20) + 1, 24 << 20]))
        return ["-m", "16M", "-kernel", "kernel", "-initrd", "initrd"], "error", \
            "initrd: larger than the room in 16 MiB of RAM"
    if kind == 4:
        add("kernel", rng.choice(seeds.elfs))
        add("initrd", rng.choice(seeds.initrds))
        return ["-kernel", "kernel", "-initrd", "initrd"], "any", "initrd with an ELF"
    if kind == 5:
        add("kernel", kernel)
        return ["-kernel", "kernel", "-initrd", "missing"], "error", "initrd: missing file"
    if kind == 6 and seeds.linux_image_path:
        return ["-kernel", seeds.linux_image_path, "-initrd",
                rng.choice(["/dev/null", "/dev/zero"]), "-m", rng.choice(["64M", "40M"])], \
            "any", "Linux Image, small RAM"
    add("kernel", kernel)
    add("initrd", rng.choice(seeds.initrds))
    mem = rng.choice(["1M", "2M", "3M", "4M", "8M"])
    return ["-m", mem, "-kernel", "kernel", "-initrd", "initrd"], "any", "initrd, -m " + mem


def kernel_case(rng, seeds, add):
    kind = rng.random()
    if kind < 0.45:
        data, expect, desc = mutate_elf(rng, seeds)
        desc = "elf: " + desc
    elif kind < 0.75:
        data, expect, desc = mutate_image(rng, seeds)
        desc = "image: " + desc
    elif kind < 0.9:
        data, expect, desc = mutate_gzip(rng, seeds)
        desc = "gzip: " + desc
    else:
        special = rng.choice(["/dev/zero", "/dev/null", ".", "missing", "bomb16"])
        if special == "bomb16":
            add("kernel", seeds.bomb_small)
            return ["-m", "16M", "-kernel", "kernel"], "error", "gzip bomb past 16 MiB RAM"
        if special == "/dev/zero":
            # Read up to the RAM size: keep RAM small, the bound is the same code.
            mem = rng.choice(["16M", "64M"])
            return ["-m", mem, "-kernel", special], "error", "kernel: /dev/zero, -m " + mem
        return ["-kernel", special], "error", "kernel: " + special
    add("kernel", data)
    argv = ["-kernel", "kernel"]
    if rng.random() < 0.2:
        argv += ["-m", rng.choice(["1M", "2M", "16M", "4G"])]
        expect = "any"
    return argv, expect, desc


OPTION_VALUES = {
    "-m": ["", "0", "1", "1M", "1023K", "1025K", "4097K", "99999999T", "255G", "256G",
           "18446744073709551615", "18446744073709551616", "-1", " 1", "1x", "1MiB", "1MB",
           "1Mi", "size=64M", "size=", "0x100", "64M,slots=2", "1.5G", "1K"],
    "-smp": ["", "1", "2", "0", "cpus=1", "1,cores=1", "1,sockets=2", "foo=1", "1,", ",",
             "99999999999999999999", "-1", "cpus=", "=1", "1,,cores=1"],
    "-machine": ["", "virt", "virt,", ",", "virt,,", "foo", "virt,gic-version=2",
                 "virt,gic-version=", "virt,gic-version=max", "virt,dumpdtb=",
                 "virt,dumpdtb=out.dtb", "virt,dumpdtb=" + "d/" * 2100 + "x",
                 "virt,dumpdtb=" + "a" * 5000, "type=virt", "virt,accel=kvm",
                 "virt,psci-conduit=smc", "virt,psci-conduit=", "virt,=", "=",
                 "virt,foo=bar", "virt,dumpdtb=/nonexistent/dir/x.dtb", "virt,dumpdtb=."],
    "-M": ["virt", "", "none", "virt,gic-version=3"],
    "-cpu": ["", "cortex-a57", "max", "host"],
    "-rtc": ["", "base=utc", "base=localtime", "base=2024-01-31", "base=2024-02-30",
             "base=1969-12-31", "base=2106-02-07T06:28:15", "base=2106-02-07T06:28:16",
             "base=0000-00-00", "base=9999-99-99T99:99:99", "base=", "clock=vm", "clock=",
             "driftfix=slew", "foo", "base=2024-01-31T", "base=2024-1-31", "base=utc,,",
             "base=2024-00-10", "base=2024-13-01", "base=2023-02-29", "base=2024-02-29"],
    "-d": ["", ",", "in_asm", "in_asm,int", "bogus", "in_asm,,int", "int,", "unimp",
           "guest_errors", "x" * 200],
    "-D": ["log.txt", "", "/nonexistent/dir/log", "."],
    "-max-insns": ["0", "1", "20000", "-1", "", "0x10", "010", "08",
                   "18446744073709551615", "18446744073709551616", "1e3", " 5"],
    "-kernel": ["", "missing", ".", "/dev/null", "kernel"],
    "-initrd": ["", "missing", ".", "/dev/null", "initrd"],
    "-dtb": ["", "missing", ".", "/dev/null", "dtb"],
    "-append": ["", "console=ttyAMA0", "x" * 100000, "a b c"],
    "-serial": ["stdio", "mon:stdio", "", "null", "pty"],
    "-monitor": ["none", "", "stdio"],
    "-display": ["none", "", "gtk"],
    "-accel": ["tcg", "tcg,thread=single", "", "kvm", "tcgx", ","],
}
FLAGS = ["-nographic", "-nodefaults", "-no-reboot", "-stats", "--nographic", "-", "--", "",
         "foo", "-bogus", "-kernel", "-m", "-d"]


def options_case(rng, seeds, add):
    add("kernel", rng.choice(seeds.elfs))
    add("initrd", seeds.initrds[0])
    add("dtb", seeds.dtb)
    argv = []
    for _ in range(rng.randrange(1, 6)):
        if rng.random() < 0.8:
            opt = rng.choice(list(OPTION_VALUES))
            argv += [opt, rng.choice(OPTION_VALUES[opt])]
        else:
            argv.append(rng.choice(FLAGS))
    if rng.random() < 0.7:
        argv[0:0] = ["-kernel", "kernel"]
    if rng.random() < 0.1:
        argv.append(rng.choice(["-kernel", "-m", "-d", "-rtc", "-max-insns"]))  # no value
    return argv, "any", "options"


def make_cases(rng, seeds, count):
    makers = [(kernel_case, 0.45), (dtb_case, 0.2), (initrd_case, 0.1), (options_case, 0.25)]
    cases = []
    for i in range(count):
        files = {}

        def add(name, data, sparse=None):
            files[name] = (data, sparse)

        r, acc = rng.random(), 0
        for maker, weight in makers:
            acc += weight
            if r < acc:
                break
        argv, expect, desc = maker(rng, seeds, add)
        # Every run ends by itself: a mutated kernel may loop forever. A case
        # that ends with an option lacking its value keeps that last.
        if maker is not options_case or rng.random() < 0.9:
            argv = argv + ["-max-insns", MAX_INSNS] if not (
                argv and argv[-1] in ("-kernel", "-m", "-d", "-rtc", "-max-insns")) else argv
        cases.append({"id": i, "argv": argv, "files": files, "expect": expect, "desc": desc})
    return cases


# --- running and judging ----------------------------------------------------

SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
                   "AddressSanitizer:DEADLYSIGNAL", "SUMMARY: UndefinedBehaviorSanitizer")


def judge(case, rc, out, err, timed_out):
    """None when fine, else the bug class."""
    if timed_out:
        return "timeout"
    if any(m in err for m in SANITIZER_MARKS):
        return "sanitizer"
    if rc < 0:
        return "signal %d" % -rc
    if rc not in (0, 1, 2):
        return "exit status %d" % rc
    lines = [l for l in err.splitlines() if l.strip()]
    if rc != 0:
        if not lines or not lines[-1].startswith("phalanx: "):
            return "error exit without a 'phalanx: ' message"
        if len(lines[-1]) > 600:
            return "error message longer than a line"
    if rc == 0 and case["expect"] == "error":
        return "accepted input that must be refused"
    return None


def run_case(case, args, base, env):
    d = os.path.join(base, "case%04d" % case["id"])
    os.mkdir(d)
    for name, (data, sparse) in case["files"].items():
        with open(os.path.join(d, name), "wb") as f:
            if sparse is not None:
                f.truncate(sparse)
            else:
                f.write(data)
    cmd = [args.phalanx] + case["argv"]
    start = time.monotonic()
    timed_out = False
    try:
        p = subprocess.run(cmd, cwd=d, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=args.timeout)
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out, err, timed_out = None, e.stdout or b"", e.stderr or b"", True
    elapsed = time.monotonic() - start
    err = err.decode(errors="replace")
    verdict = judge(case, rc, out, err, timed_out)
    if verdict is None and not args.keep_all:
        shutil.rmtree(d, ignore_errors=True)
    return case, verdict, rc, err, elapsed, d


def shm_entries():
    try:
        return set(os.listdir("/dev/shm"))
    except OSError:
        return set()


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--phalanx", required=True)
    ap.add_argument("--guest-dir", help="folder with the guest test ELFs")
    ap.add_argument("--linux-dir", action="append", default=[],
                    help="folder with Image and initrd.cpio.gz (first that exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=30)
    ap.add_argument("--keep", help="keep the files of buggy cases in this folder")
    ap.add_argument("--keep-all", action="store_true", help="keep every case's files")
    ap.add_argument("--verbose", action="store_true", help="one line per case")
    ap.add_argument("--only", type=int, action="append", help="run only these case ids")
    args = ap.parse_args()
    args.phalanx = os.path.abspath(args.phalanx)
    if not os.access(args.phalanx, os.X_OK):
        print("fuzz: SKIP: no phalanx at %s" % args.phalanx)
        return 77
    # Also where scripts/fetch-linux.sh caches them.
    cache = os.environ.get("PHALANX_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "phalanx")
    args.linux_dir = next((d for d in args.linux_dir + [os.path.join(cache, "linux")]
                           if os.path.exists(os.path.join(d, "Image"))), None)

    started = time.monotonic()
    shm_before = shm_entries()
    work = tempfile.mkdtemp(prefix="phalanx-fuzz-")
    base = work
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        base = tempfile.mkdtemp(prefix="seed%d-" % args.seed, dir=args.keep)
    child_tmp = os.path.join(work, "tmp")
    os.mkdir(child_tmp)
    env = dict(os.environ, TMPDIR=child_tmp,
               ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87")
    try:
        seeds = Seeds(args, work)
        rng = random.Random(args.seed)
        cases = make_cases(rng, seeds, args.cases)
        if args.only:
            cases = [c for c in cases if c["id"] in args.only]
        bugs = []
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(run_case, c, args, base, env) for c in cases]
            for fut in concurrent.futures.as_completed(futures):
                case, verdict, rc, err, elapsed, d = fut.result()
                if args.verbose:
                    last = (err.strip().splitlines() or [""])[-1]
                    print("case %d %.2fs exit %s %s: %s | %s" % (
                        case["id"], elapsed, rc, verdict or "ok", case["desc"], last[:160]))
                if verdict:
                    bugs.append((case, verdict, rc, err, d))
        bugs.sort(key=lambda b: b[0]["id"])
        for case, verdict, rc, err, d in bugs:
            print("BUG case %d (%s): %s, exit %s" % (case["id"], case["desc"], verdict, rc))
            print("  replay: cd %s && %s %s" % (d, args.phalanx, " ".join(
                repr(a) if (not a or " " in a) else a for a in case["argv"])[:400]))
            for line in err.splitlines()[:12]:
                print("  | " + line[:300])
        leftovers = os.listdir(child_tmp)
        if leftovers:
            print("BUG: files left in TMPDIR: %s" % leftovers[:10])
        new_shm = shm_entries() - shm_before
        if new_shm:
            print("note: new /dev/shm entries during the run: %s" % sorted(new_shm)[:10])
        if bugs and not (args.keep or args.keep_all):
            print("(the case files are removed: rerun with --keep DIR [--only ID] to keep them)")
        n_bugs = len(bugs) + (1 if leftovers else 0)
        print("fuzz: seed %d, %d cases, %d bugs, %.1f s" % (
            args.seed, len(cases), n_bugs, time.monotonic() - started))
        return 1 if n_bugs else 0
    finally:
        if not args.keep_all:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
