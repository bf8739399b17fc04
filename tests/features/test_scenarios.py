"""The living specification: every scenario of every feature file in features/."""

from pytest_bdd import scenarios

scenarios(".")
