import bisect
import heapq
import random


def test_readers(numbers, mapping):
    random.choice(numbers)
    random.sample(numbers, 2)
    heapq.nlargest(2, numbers)
    bisect.bisect(numbers, 2)
    copy_of_numbers = list(numbers)
    random.shuffle(copy_of_numbers)
    heapq.heapify(sorted(numbers))
    dict.get(mapping, "a")
    list.index(numbers, 3)
    len(numbers)
