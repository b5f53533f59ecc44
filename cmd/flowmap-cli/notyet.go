package main

func notYet(what string) error {
	return usagef("%s is not available yet", what)
}
