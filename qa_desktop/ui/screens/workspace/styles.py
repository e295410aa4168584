"""The workspace's look: outlined current question, visible focus on every control, and the
larger text of the presentation layout for a shared screen."""

STYLE = """
QFrame#questionRow { background: #ffffff; border: 1px solid #dde3ea; border-radius: 4px; }
QFrame#questionRow[current="true"] { border: 2px solid #1d4f91; background: #f3f8ff; }
QLabel#questionId { font-weight: 600; color: #1d4f91; min-width: 2.2em; }
QLabel#questionHelp { background: #eef4fb; color: #10233f; padding: 6px; }
QLabel#reflectionLabel { font-weight: 600; color: #4a2a6b; }
QWidget#reflectionPanel { background: #f7f2fb; }
QLabel#hint { color: #4b5563; }
QLabel#rationaleNotice { color: #8a1c1c; font-weight: 600; }
QLabel#saveStatus { color: #1b5e20; }
QLabel#workspaceHeader { padding: 4px 2px; }
QLabel#conflictBadge {
    background: #fff1e0; color: #7a3a00; border: 1px solid #b35c00; border-radius: 8px;
    padding: 0 6px; font-size: 8pt; font-weight: 600;
}
QPlainTextEdit[conflict="true"], QLineEdit[conflict="true"], QComboBox[conflict="true"] {
    border: 2px solid #b35c00;
}
QLabel#changedBadge {
    background: #e8f0fb; color: #10233f; border: 1px solid #1d4f91; border-radius: 8px;
    padding: 0 6px; font-size: 8pt; font-weight: 600;
}
QPlainTextEdit[changed="true"], QLineEdit[changed="true"], QComboBox[changed="true"] {
    border: 2px solid #1d4f91;
}
QFrame#choiceBar { background: #fff1e0; border: 1px solid #b35c00; border-radius: 4px; }
QLabel#alsoChanged { color: #7a3a00; font-weight: 600; }
QRadioButton:focus, QCheckBox:focus, QToolButton:focus, QPlainTextEdit:focus, QDateEdit:focus,
QListWidget:focus, QTableWidget:focus {
    border: 2px solid #8a5a00; background: #fff8e1;
}
"""
PRESENTATION_STYLE = (
    STYLE + "\nQWidget { font-size: 15pt; }\nQLabel#screenTitle { font-size: 20pt; }"
)
