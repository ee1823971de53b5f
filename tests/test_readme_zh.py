"""README.zh-CN.md stays the counterpart of README.md, section by section.

The Chinese README translates the prose and keeps every fenced code block byte for byte, so
a section added to README.md without its translation shows up here as a heading or a code
block the Chinese file lacks.
"""
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
README_ZH = ROOT / "README.zh-CN.md"
HEADING = re.compile(r"(#{1,6}) +(.*)")


def parse(text):
    """The headings ([(level, title)]) and fenced code blocks ([(info, body)]) of a Markdown text.

    Lines inside a fence are code, never headings (a shell comment starts with "#" too).
    Each heading is followed by the code blocks of its section: [(level, title, [blocks])].
    """
    sections, block = [(0, "", [])], None
    for line in text.splitlines():
        if block is not None:
            if line.startswith("```"):
                sections[-1][2].append((block[0], "\n".join(block[1])))
                block = None
            else:
                block[1].append(line)
        elif line.startswith("```"):
            block = (line[3:].strip(), [])
        elif match := HEADING.fullmatch(line):
            sections.append((len(match[1]), match[2].strip(), []))
    assert block is None, "a code block is never closed"
    return sections


def heading_levels(sections):
    """How many headings there are at each level (# = 1, ## = 2, ...)."""
    return Counter(level for level, _, _ in sections if level)


def code_blocks(sections):
    """Every fenced code block, with its info string, counted."""
    return Counter(block for _, _, blocks in sections for block in blocks)


def commands(section):
    """The commands in a section's code blocks: each non-empty line without its # comment."""
    return [line.split("#")[0].strip() for _, body in section[2] for line in body.splitlines()
            if line.split("#")[0].strip()]


def read(path):
    """The sections of one README file."""
    return parse(path.read_text(encoding="utf-8"))


def test_the_chinese_readme_exists_and_the_two_link_to_each_other():
    english, chinese = README.read_text(encoding="utf-8"), README_ZH.read_text(encoding="utf-8")
    assert "](README.zh-CN.md)" in english.splitlines()[1]
    assert "](README.md)" in chinese.splitlines()[1]


def test_same_number_of_headings_at_each_level():
    english, chinese = read(README), read(README_ZH)
    assert heading_levels(chinese) == heading_levels(english), (
        "README.md headings: " + "; ".join("#" * level + " " + title for level, title, _ in english if level))
    # Same order too, so section n of one file is section n of the other.
    assert [level for level, _, _ in chinese] == [level for level, _, _ in english]


def test_same_code_blocks():
    english, chinese = code_blocks(read(README)), code_blocks(read(README_ZH))
    missing, extra = english - chinese, chinese - english
    assert not missing and not extra, f"only in README.md: {list(missing)}; only in README.zh-CN.md: {list(extra)}"


def test_quick_start_shows_the_same_commands():
    english, chinese = read(README), read(README_ZH)
    index = next(i for i, (level, title, _) in enumerate(english) if (level, title) == (2, "Quick start"))
    assert chinese[index][:2] == (2, "快速开始")
    assert commands(english[index])  # a Quick start without commands would pass the comparison below
    assert commands(chinese[index]) == commands(english[index])


def test_an_untranslated_new_section_is_caught():
    """What the checks above see when README.md gains a section README.zh-CN.md lacks."""
    english = README.read_text(encoding="utf-8") + "\n## Packaging\n\n```\nmake package\n```\n"
    grown, chinese = parse(english), read(README_ZH)
    assert heading_levels(grown) != heading_levels(chinese)
    assert code_blocks(grown) - code_blocks(chinese) == Counter({("", "make package"): 1})
