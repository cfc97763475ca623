"""farmwatch's content-farm detector: HTML or text → document → features → verdict.

Stages, one module each: :mod:`classifier.document` (parse), :mod:`classifier.features`
(farm signals as numbers, estimator API), :mod:`classifier.model` (the fitted
``Pipeline``, safe save/load, verdict with evidence), :mod:`classifier.simulator` (farm
copies for training), :mod:`classifier.corpus` (training data), :mod:`classifier.evaluate`
(the site-split harness that writes the model card).
"""
