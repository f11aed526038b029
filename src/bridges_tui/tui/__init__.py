"""The Textual shell: screens and widgets that show the core and report what the couple does."""
