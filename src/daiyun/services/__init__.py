"""Use cases: one public function per action, each owning one unit of work."""
