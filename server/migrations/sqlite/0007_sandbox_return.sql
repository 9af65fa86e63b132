-- Where the sandbox gateway sends the shopper back to (a real gateway takes it per session).
ALTER TABLE sandbox_sessions ADD COLUMN return_url TEXT NOT NULL DEFAULT '/';
