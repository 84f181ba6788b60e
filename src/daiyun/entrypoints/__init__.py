"""How people and scripts reach daiyun: CLI, web pages, REST API."""
