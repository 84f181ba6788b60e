"""Background and scheduled work (issue 22): the jobs' runtime that the web app, `daiyun worker`
and the commands share."""
