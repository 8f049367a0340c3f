import bisect
import heapq
import random
from heapq import heappush as push
from random import shuffle


def test_mutators(numbers, mapping):
    random.shuffle(numbers)  # error: FXS002
    shuffle(numbers)  # error: FXS002
    heapq.heapify(numbers)  # error: FXS002
    push(numbers, 0)  # error: FXS002
    heapq.heappop(numbers)  # error: FXS002
    bisect.insort(numbers, 4)  # error: FXS002
    dict.update(mapping, b=2)  # error: FXS002
    list.append(numbers, 5)  # error: FXS002
