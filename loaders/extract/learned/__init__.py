"""The learned relation stage: a classifier over parse features of entity pairs.

``splits`` fixes which documents of every evaluation set are development data;
``features`` turns a pair of mentions in a parsed sentence into hashed features;
``model`` loads the shipped model file and proposes candidates; ``train``
rebuilds that file (``make train``).
"""
