"""Use cases that the interface and the command line call. No Qt here.

Services take and give plain frozen data; live ORM objects never leave a service call.
"""
