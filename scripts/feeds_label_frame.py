#!/usr/bin/env python3
"""Draws a feed's gt.txt boxes on one of its frames, to look at the labels.

usage: feeds_label_frame.py OUT_DIR CAMERA FRAME OUT.png
  OUT_DIR: a `sightline feeds` output folder; FRAME: MOTChallenge frame number (from 1).
Needs ffmpeg (to extract the frame) and ImageMagick's convert.
"""
import os
import subprocess
import sys
import tempfile

out_dir, cam, frame, png = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with tempfile.TemporaryDirectory() as tmp:
    raw = os.path.join(tmp, "frame.png")
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-i", f"{out_dir}/{cam}.mp4",
                    "-vf", f"select=eq(n\\,{frame - 1})", "-vframes", "1", raw], check=True)
    draw = []
    with open(f"{out_dir}/{cam}/gt/gt.txt") as gt:
        for line in gt:
            f = line.strip().split(",")
            if int(f[0]) != frame:
                continue
            left, top, w, h = int(f[2]) - 1, int(f[3]) - 1, int(f[4]), int(f[5])
            draw += ["-stroke", "red", "-draw", f"rectangle {left},{top},{left + w - 1},{top + h - 1}",
                     "-stroke", "none", "-fill", "yellow", "-font", "DejaVu-Sans", "-pointsize", "10",
                     "-draw", f"text {left},{max(top - 3, 8)} '{f[1]} v{float(f[8]):.2f}'", "-fill", "none"]
    subprocess.run(["convert", raw, "-fill", "none"] + draw + [png], check=True)
