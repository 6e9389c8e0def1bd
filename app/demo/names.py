"""Plausible Chinese names, drawn deterministically."""
from __future__ import annotations

import random

# Common surnames, most frequent first (weights fall off roughly as in the population).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚"
    "邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉晨"
    "浩宇欣怡子涵梓轩雨婷佳琪思远志强建国建华文博海燕晓东晓梅春梅秋菊国庆立新卫东红梅"
    "丹阳凯旋雪梅慧敏宏伟俊杰晓峰亚楠婧璐瑶琳悦航晗睿"
)


def person_name(rng: random.Random) -> str:
    weights = [1 / (i + 3) for i in range(len(SURNAMES))]
    surname = rng.choices(SURNAMES, weights=weights)[0]
    length = rng.choices((1, 2), weights=(35, 65))[0]
    return surname + "".join(rng.choice(GIVEN) for _ in range(length))
