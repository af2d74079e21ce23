"""Who may reach the hotel from outside: staff sign-in, API keys, chat accounts, origins."""
